#!/usr/bin/env bash
# Speed measurements for docs/performance.md, on this machine, in one run:
#   1. `tapp init --demo --patients N` against the sqlite3 shell's `.import` of the same rows;
#   2. `tapp import patients` of an N-row CSV against `.import` of the same file;
#   3. type-ahead search at N patients, through the store and straight through the SQLite C API.
# Usage: Benchmarks/run.sh [N]   (default 100000). Needs sqlite3 and /usr/bin/time (apt-get install sqlite3 time).
set -euo pipefail
N=${1:-100000}
cd "$(dirname "$0")/.."
swift build -c release --product tapp >/dev/null
swift build -c release --product tapp-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)
WORK=$(mktemp -d /tmp/tapp-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; sqlite $(sqlite3 --version | cut -d' ' -f1)"

# 1. The demo clinic, then the same rows through `.import`.
median() { python3 -c "import sys, statistics; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
RUNS=${RUNS:-3}
# Runs a set-up (not timed) then a timed command, $RUNS times, and prints the median seconds. Both are shell text.
# The set-up ends with `sync`, so that no run waits for the disk to write out what the one before left.
median_time() {
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    eval "$1"; sync
    t0=$(now); eval "$2"; t1=$(now)
    times+=("$(seconds "$t0" "$t1")")
  done
  median "${times[@]}"
}
demo=$(median_time 'rm -f "$WORK/demo.sqlite"*' \
  '/usr/bin/time -f "%M" -o "$WORK/rss" "$BIN/tapp" init --demo --patients "$N" --db "$WORK/demo.sqlite" >/dev/null')
echo "demo: peak memory $(( $(cat "$WORK/rss") / 1024 )) MiB; file $(( $(stat -c %s "$WORK/demo.sqlite") / 1048576 )) MiB"
TABLES="patient patientOrganization consultation intervention reminderRule reminder notificationLog"
for t in $TABLES; do sqlite3 -csv -header "$WORK/demo.sqlite" "SELECT * FROM $t" > "$WORK/$t.csv"; done
sqlite3 -csv -header "$WORK/demo.sqlite" "SELECT names, phone, email, phoneDigits FROM patientSearch" > "$WORK/patientSearch.csv"
# The classic baseline: each CSV into a new table of its own, in a new file, with the shell's defaults.
for t in $TABLES patientSearch; do echo ".import --csv $WORK/$t.csv $t"; done > "$WORK/import.sql"
rows=$(( $(cat "$WORK"/*.csv | wc -l) - 8 ))
baseline=$(median_time 'rm -f "$WORK/baseline.sqlite"*' 'sqlite3 "$WORK/baseline.sqlite" < "$WORK/import.sql"')
echo "demo (median of $RUNS): tapp init --demo --patients $N: ${demo} s; sqlite3 .import of the same $rows rows: ${baseline} s; ratio $(python3 -c "print(f'{$demo/$baseline:.2f}')")"
# SQLite's own cost of storing the same rows in tapp's schema (its indexes, constraints and search index).
echo "admin123" | "$BIN/tapp" init --db "$WORK/schema.sqlite" --admin-email bench@example.cm >/dev/null
COPY="PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144; ATTACH '$WORK/demo.sqlite' AS d; BEGIN;"
for t in $TABLES; do COPY="$COPY INSERT INTO $t SELECT * FROM d.$t;"; done
COPY="$COPY INSERT INTO patientSearch(rowid, names, phone, email, phoneDigits) SELECT rowid, names, phone, email, phoneDigits FROM d.patientSearch; COMMIT;"
sync; t0=$(now); sqlite3 "$WORK/schema.sqlite" "$COPY"; t1=$(now)
same=$(seconds "$t0" "$t1")
echo "demo: the same rows into tapp's schema through the sqlite3 shell (INSERT … SELECT): ${same} s; tapp / that: $(python3 -c "print(f'{$demo/$same:.2f}')")"

# 2. A CSV of N patients, through tapp and through `.import`.
TAPP_USER=admin@meditache.com TAPP_PASSWORD=admin123 "$BIN/tapp" export patients --db "$WORK/demo.sqlite" --output "$WORK/patients.csv"
echo "secret1" | "$BIN/tapp" init --db "$WORK/empty.sqlite" --admin-email bench@example.cm >/dev/null
imported=$(median_time 'rm -f "$WORK/import.sqlite"*; cp "$WORK/empty.sqlite" "$WORK/import.sqlite"' \
  'TAPP_USER=bench@example.cm TAPP_PASSWORD=secret1 "$BIN/tapp" import patients "$WORK/patients.csv" --db "$WORK/import.sqlite" >/dev/null 2>&1 || [ $? -eq 3 ]')
plain=$(median_time 'rm -f "$WORK/plain.sqlite"*' 'sqlite3 "$WORK/plain.sqlite" ".import --csv $WORK/patients.csv patients"')
echo "csv (median of $RUNS): tapp import patients ($N rows, with search index, audit and change-queue entries): ${imported} s; sqlite3 .import of the same file: ${plain} s; ratio $(python3 -c "print(f'{$imported/$plain:.2f}')")"
# The demo's method applied to the import: `.import` of the same rows it writes (patients, search rows, audit and
# change-queue entries), each CSV into a new table of its own.
for t in patient auditLog changeQueue; do sqlite3 -csv -header "$WORK/import.sqlite" "SELECT * FROM $t" > "$WORK/written-$t.csv"; done
sqlite3 -csv -header "$WORK/import.sqlite" "SELECT names, phone, email, phoneDigits FROM patientSearch" > "$WORK/written-patientSearch.csv"
for t in patient auditLog changeQueue patientSearch; do echo ".import --csv $WORK/written-$t.csv $t"; done > "$WORK/written.sql"
written_rows=$(( $(cat "$WORK"/written-*.csv | wc -l) - 4 ))
written=$(median_time 'rm -f "$WORK/written.sqlite"*' 'sqlite3 "$WORK/written.sqlite" < "$WORK/written.sql"')
echo "csv (median of $RUNS): sqlite3 .import of the $written_rows rows the import writes (the demo's method): ${written} s; ratio $(python3 -c "print(f'{$imported/$written:.2f}')")"
# SQLite's own cost of the rows the import writes (patients, search rows, audit and queue entries) in tapp's schema.
echo "secret1" | "$BIN/tapp" init --db "$WORK/floor.sqlite" --admin-email bench@example.cm >/dev/null
FLOOR="PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; ATTACH '$WORK/import.sqlite' AS d; BEGIN;
  INSERT INTO patient SELECT * FROM d.patient;
  INSERT INTO patientSearch(rowid, names, phone, email, phoneDigits) SELECT rowid, names, phone, email, phoneDigits FROM d.patientSearch ORDER BY rowid;
  INSERT INTO auditLog SELECT * FROM d.auditLog WHERE id > (SELECT max(id) FROM main.auditLog);
  INSERT INTO changeQueue SELECT * FROM d.changeQueue WHERE seq > (SELECT max(seq) FROM main.changeQueue); COMMIT;"
sync; t0=$(now); sqlite3 "$WORK/floor.sqlite" "$FLOOR"; t1=$(now)
floor=$(seconds "$t0" "$t1")
echo "csv: the rows the import writes, into tapp's schema through the sqlite3 shell (INSERT … SELECT): ${floor} s (= $(python3 -c "print(f'{$floor/$plain:.1f}')")× the plain .import); tapp / that: $(python3 -c "print(f'{$imported/$floor:.2f}')")"

# 3. Type-ahead search.
"$BIN/tapp-bench" search "$WORK/demo.sqlite" 20

# 4. The screens: start-up to the first screen, and keystrokes in the patient list at N patients.
"$BIN/tapp-bench" screens "$WORK/demo.sqlite" 10 "$BIN/tapp"

# 5. One patient, one record: the desk check as a patient is registered, and the full duplicate scan.
"$BIN/tapp-bench" duplicates "$WORK/demo.sqlite" 10
