-- 1,000,000 people (each attached to org_default) and 10,000,000 consultations (ten each, over six years), written
-- straight into a seeded tappplus-server database with SQL: the indexes are dropped for the load and built again
-- after, the people count set once. Run by Benchmarks/server-postgres-load.sh; psql -v doctor=ID.
\set ON_ERROR_STOP on
ALTER TABLE people DISABLE TRIGGER people_counted;
DROP INDEX people_order;
DROP INDEX consultations_person_date;
DROP INDEX consultations_date;
DROP INDEX consultations_doctor;
ALTER TABLE consultations DROP CONSTRAINT consultations_pkey;
ALTER TABLE consultations DROP CONSTRAINT consultations_personid_fkey;
ALTER TABLE consultations DROP CONSTRAINT consultations_doctorid_fkey;
INSERT INTO people (id, fullName, birthdate, phone, email, address, createdAt, updatedAt)
SELECT 'cgen' || lpad(g::text, 20, '0'),
       (ARRAY['Marie','Jean','Fatou','Hélène','Émilie','Jérôme','Aïssatou','Samuel','Grâce','Boris'])[1 + g % 10] || ' ' ||
       (ARRAY['Nguema','Mballa','Diallo','Étoundi','Kamga','Owona','N''Diaye','Fotso','Abéga','Tsala'])[1 + (g / 10) % 10] || ' ' || g,
       to_char(date '1940-01-01' + (g % 29000), 'YYYY-MM-DD"T00:00:00.000Z"'), '+2376' || (50000000 + g), NULL, 'Douala',
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
FROM generate_series(1, 1000000) AS g;
INSERT INTO person_organizations (personId, orgId, startAt, role, isActive, createdAt, updatedAt)
SELECT id, 'org_default', createdAt, 'PATIENT', 1, createdAt, createdAt FROM people WHERE id LIKE 'cgen%';
INSERT INTO consultations (id, personId, doctorId, dateTimeUtc, notes, attachments, status, createdAt, updatedAt)
SELECT 'kgen' || lpad(g::text, 20, '0'), 'cgen' || lpad((1 + g % 1000000)::text, 20, '0'), :'doctor',
       to_char(timestamp '2020-01-01' + (g / 1000000) * interval '200 days' + (g % 1440) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
       'Consultation ' || g, NULL, 'COMPLETED', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
FROM generate_series(1, 10000000) AS g;
ALTER TABLE consultations ADD PRIMARY KEY (id);
ALTER TABLE consultations ADD FOREIGN KEY (personId) REFERENCES people(id);
ALTER TABLE consultations ADD FOREIGN KEY (doctorId) REFERENCES doctors(id);
CREATE INDEX people_order ON people(fullName, id);
CREATE INDEX consultations_person_date ON consultations(personId, dateTimeUtc);
CREATE INDEX consultations_date ON consultations(dateTimeUtc);
CREATE INDEX consultations_doctor ON consultations(doctorId);
UPDATE row_counts SET n = (SELECT count(*) FROM people) WHERE name = 'people';
ALTER TABLE people ENABLE TRIGGER people_counted;
VACUUM ANALYZE;
