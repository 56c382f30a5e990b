// Runs the script of /api/docs against a live tappplus-server with a minimal DOM, then prints what it drew and what
// its forms got back, as JSON: every route drawn, the sign-in form signs in, a route's Send button gets the answer.
// Usage: node drive-docs-page.mjs http://127.0.0.1:PORT
const base = process.argv[2];

class Text {
  constructor(text) { this.text = text; }
  get textContent() { return this.text; }
  all() { return []; }
}

class Element {
  constructor(tag) { this.tag = tag; this.attributes = {}; this.children = []; this.listeners = {}; this.ownText = ""; this.value = ""; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  append(...children) { for (const child of children) this.children.push(typeof child === "string" ? new Text(child) : child); }
  replaceChildren(...children) { this.children = []; this.ownText = ""; this.append(...children); }
  addEventListener(type, listener) { this.listeners[type] = listener; }
  set textContent(value) { this.children = []; this.ownText = String(value); }
  get textContent() { return this.ownText + this.children.map((child) => child.textContent).join(""); }
  all(tag) { return [...(this.tag === tag ? [this] : []), ...this.children.flatMap((child) => child.all(tag))]; }
}

const page = { signin: new Element("form"), email: new Element("input"), password: new Element("input"),
               who: new Element("span"), routes: new Element("main") };
globalThis.document = { createElement: (tag) => new Element(tag), getElementById: (id) => page[id] };
const networkFetch = globalThis.fetch;
globalThis.fetch = (path, options) => networkFetch(base + path, options);

const script = await (await networkFetch(base + "/api/docs/docs.js")).text();
(0, eval)(script);
for (let i = 0; i < 100 && page.routes.all("details").length === 0; i++) await new Promise((done) => setTimeout(done, 50));

const details = page.routes.all("details");
const route = (title) => details.find((view) => view.all("summary")[0].textContent.startsWith(title + " —"));
const result = { routes: details.map((view) => view.all("summary")[0].textContent.split(" —")[0]),
                 headings: page.routes.all("h2").map((heading) => heading.textContent) };

page.email.value = "admin@meditache.com";
page.password.value = "admin123";
await page.signin.listeners.submit({ preventDefault() {} });
result.who = page.who.textContent;

const people = route("GET/api/v1/people");
people.all("input").find((input) => input.attributes.name === "limit").value = "2";
await people.all("button")[0].listeners.click();
result.list = people.all("pre")[0].textContent;

const create = route("POST/api/v1/people");
result.example = create.all("textarea")[0].value;
create.all("textarea")[0].value = JSON.stringify({ fullName: "Awa Fotso", phone: "+237 677 11 22 33" });
await create.all("button")[0].listeners.click();
result.created = create.all("pre")[0].textContent;

const one = route("GET/api/v1/people/{id}");
one.all("input").find((input) => input.attributes.name === "id").value = "person_1";
await one.all("button")[0].listeners.click();
result.one = one.all("pre")[0].textContent;

console.log(JSON.stringify(result));
