import Foundation

/// The API's browsable page at `/api/docs` (where the real server has Swagger UI): self-contained, no asset from the
/// network (clinic hubs are often offline), drawn from `/api/docs-json` by a small script. It lists every route by tag
/// with its roles, parameters and body schema, and sends requests with a bearer token got from a sign-in form.
enum DocsPage {
    /// Strict: only this server's own script, style and API.
    static let securityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>TappPlus API — tappplus-server</title>
        <link rel="stylesheet" href="/api/docs/docs.css">
        <script src="/api/docs/docs.js" defer></script>
        </head>
        <body>
        <header>
          <h1>TappPlus API v1</h1>
          <p>Every route of <code>/api/v1</code>, from <a href="/api/docs-json">/api/docs-json</a>.</p>
          <form id="signin">
            <input id="email" type="email" placeholder="email" autocomplete="username">
            <input id="password" type="password" placeholder="password" autocomplete="current-password">
            <button type="submit">Sign in</button>
            <span id="who">not signed in</span>
          </form>
        </header>
        <main id="routes"><p>Loading the API description…</p></main>
        <noscript>This page needs JavaScript; the description itself is at /api/docs-json.</noscript>
        </body>
        </html>
        """

    static let style = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
        header { background: #1e3a8a; color: white; padding: 1rem 2rem; }
        header a { color: #bfdbfe; }
        header input { padding: .3rem; margin-right: .3rem; }
        #who { margin-left: .5rem; font-size: .9rem; }
        main { padding: 1rem 2rem; max-width: 70rem; }
        h2 { text-transform: capitalize; border-bottom: 1px solid #d1d5db; }
        details { background: white; border: 1px solid #d1d5db; border-radius: 4px; margin: .4rem 0; }
        summary { cursor: pointer; padding: .5rem; font-family: monospace; }
        .method { display: inline-block; width: 4.5rem; font-weight: bold; }
        .get { color: #1d4ed8; } .post { color: #047857; } .patch { color: #b45309; } .delete { color: #b91c1c; }
        .operation { padding: .5rem 1rem 1rem; }
        label { display: block; margin: .3rem 0; font-family: monospace; }
        label input { margin-left: .5rem; }
        textarea { width: 100%; min-height: 8rem; font-family: monospace; }
        pre { background: #111827; color: #e5e7eb; padding: .6rem; overflow-x: auto; white-space: pre-wrap; }
        .roles { color: #6b7280; }
        """

    static let script = """
        "use strict";
        let token = "";

        function element(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
          for (const child of children) node.append(child);
          return node;
        }

        function example(schema) {
          if (!schema) return null;
          if (schema.type === "object") {
            const value = {};
            for (const name of schema.required || []) value[name] = example(schema.properties[name]);
            return value;
          }
          if (schema.type === "array") return [example(schema.items)];
          if (schema.enum) return schema.enum[0];
          if (schema.type === "integer") return -1440;
          if (schema.type === "boolean") return true;
          if (schema.format === "date-time" || schema["x-date"]) return new Date(Date.now() + 2 * 86400000).toISOString();
          if (schema.format === "email") return "name@example.com";
          return "";
        }

        async function send(method, path, body) {
          const headers = { "Accept": "application/json" };
          if (token) headers["Authorization"] = "Bearer " + token;
          if (body !== undefined) headers["Content-Type"] = "application/json";
          const answer = await fetch(path, { method: method.toUpperCase(), headers, body });
          const text = await answer.text();
          let shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (error) { /* not JSON: shown as is */ }
          return { status: answer.status, text: shown };
        }

        function operationView(path, method, operation) {
          const parameters = operation.parameters || [];
          const inputs = {};
          const form = element("div", { class: "operation" });
          if (operation.description) form.append(element("p", { class: "roles" }, operation.description));
          for (const parameter of parameters) {
            const input = element("input", { name: parameter.name, placeholder: parameter.in });
            inputs[parameter.name] = { input, where: parameter.in };
            form.append(element("label", {}, parameter.name + (parameter.required ? " *" : ""), input));
          }
          let body = null;
          const content = operation.requestBody && operation.requestBody.content["application/json"];
          if (content) {
            body = element("textarea", { spellcheck: "false" });
            body.value = JSON.stringify(example(content.schema), null, 2);
            form.append(element("p", {}, "Body (fields: " + Object.keys(content.schema.properties || {}).join(", ") + ")"), body);
          }
          const output = element("pre", {}, "");
          const button = element("button", { type: "button" }, "Send");
          button.addEventListener("click", async () => {
            let url = path;
            const query = new URLSearchParams();
            for (const [name, { input, where }] of Object.entries(inputs)) {
              if (where === "path") url = url.replace("{" + name + "}", encodeURIComponent(input.value));
              else if (input.value !== "") query.set(name, input.value);
            }
            if ([...query].length) url += "?" + query.toString();
            output.textContent = "…";
            try {
              const answer = await send(method, url, body ? body.value : undefined);
              output.textContent = answer.status + "\\n" + answer.text;
            } catch (error) {
              output.textContent = "No answer: " + error;
            }
          });
          form.append(button, output);
          const summary = element("summary", {}, element("span", { class: "method " + method }, method.toUpperCase()),
                                  path + " — " + (operation.summary || ""));
          return element("details", {}, summary, form);
        }

        async function load() {
          const main = document.getElementById("routes");
          const description = await (await fetch("/api/docs-json")).json();
          const byTag = new Map();
          for (const [path, methods] of Object.entries(description.paths)) {
            for (const [method, operation] of Object.entries(methods)) {
              const tag = (operation.tags || ["health"])[0];
              if (!byTag.has(tag)) byTag.set(tag, []);
              byTag.get(tag).push(operationView(path, method, operation));
            }
          }
          main.replaceChildren();
          for (const [tag, views] of byTag) main.append(element("h2", {}, tag), ...views);
        }

        document.getElementById("signin").addEventListener("submit", async (event) => {
          event.preventDefault();
          const who = document.getElementById("who");
          const body = JSON.stringify({ email: document.getElementById("email").value,
                                        password: document.getElementById("password").value });
          const answer = await send("post", "/api/v1/auth/login", body);
          try {
            const signedIn = JSON.parse(answer.text);
            token = signedIn.access_token || "";
            who.textContent = token ? "signed in as " + signedIn.user.email + " (" + signedIn.user.role + ")" : answer.text;
          } catch (error) {
            who.textContent = "sign-in failed (" + answer.status + ")";
          }
        });

        load().catch((error) => {
          document.getElementById("routes").textContent = "Could not load /api/docs-json: " + error;
        });
        """
}
