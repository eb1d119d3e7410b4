package journal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"deskcti/app/calls"
)

func TestMigrateEmptyFileAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, nil, 0o600); err != nil { // an empty file is a new journal
		t.Fatal(err)
	}
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := fullCall()
	if err := j.Save(ctx, &c); err != nil {
		t.Fatal(err)
	}
	assertSchema(t, j, len(migrations))
	var mode string
	if err := j.r.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q, %v; want wal", mode, err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}

	j, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	got, err := j.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameCall(t, got, c)
	assertSchema(t, j, len(migrations))
	var rows int
	j.r.QueryRow("SELECT count(*) FROM schema_version").Scan(&rows)
	if rows != len(migrations) {
		t.Errorf("schema_version has %d rows after re-open, want %d (migrations ran twice?)", rows, len(migrations))
	}
	var sync int
	if err := j.w.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != 2 {
		t.Errorf("synchronous %d, %v; want 2 (FULL)", sync, err)
	}
	var fk int
	if err := j.w.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys %d, %v", fk, err)
	}
}

func assertSchema(t *testing.T, j *Journal, want int) {
	t.Helper()
	var v int
	if err := j.r.QueryRow("SELECT max(version) FROM schema_version").Scan(&v); err != nil || v != want {
		t.Errorf("schema version %d, %v; want %d", v, err, want)
	}
	var id int64
	if err := j.r.QueryRow("PRAGMA application_id").Scan(&id); err != nil || id != appID {
		t.Errorf("application_id %#x, %v", id, err)
	}
}

// withMigration appends a migration for one test.
func withMigration(t *testing.T, stmts ...string) {
	saved := migrations
	migrations = append(migrations[:len(migrations):len(migrations)], stmts)
	t.Cleanup(func() { migrations = saved })
}

func TestMigrationsRunInOrderOnOldJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := fullCall()
	if err := j.Save(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	j.Close()

	withMigration(t, "ALTER TABLE calls ADD COLUMN tag TEXT NOT NULL DEFAULT 'alt'")
	withMigration(t, "UPDATE calls SET tag = tag || '+neu'") // needs the previous one first
	j, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	assertSchema(t, j, len(migrations))
	var tag string
	if err := j.r.QueryRow("SELECT tag FROM calls WHERE id = ?", c.ID).Scan(&tag); err != nil || tag != "alt+neu" {
		t.Errorf("tag %q, %v", tag, err)
	}
	got, err := j.Get(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameCall(t, got, c)
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	j.Close()
	withMigration(t, "ALTER TABLE calls ADD COLUMN tag TEXT", "THIS IS NOT SQL")
	if j, err := Open(path); err == nil {
		j.Close()
		t.Fatal("Open succeeded with a broken migration")
	} else if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("error %q names neither the file nor the migration", err)
	}
	migrations = migrations[:1]
	j, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	assertSchema(t, j, 1)
	if _, err := j.r.Exec("SELECT tag FROM calls"); err == nil {
		t.Error("half a migration was kept")
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := sample(1)
	j.Save(context.Background(), &c)
	if _, err := j.w.Exec("INSERT INTO schema_version VALUES (99, 0)"); err != nil {
		t.Fatal(err)
	}
	j.Close()
	_, err = Open(path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open: %v; want ErrNewerSchema naming the file", err)
	}
	var broken *BrokenError
	if errors.As(err, &broken) {
		t.Error("a newer journal is reported as broken (Recover would throw its calls away)")
	}
}

// assertUntouched fails unless path still holds exactly want and SQLite
// left no companion files.
func assertUntouched(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s was changed (%d bytes before, %d after, %v)", path, len(want), len(got), err)
	}
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s appeared", path+s)
		}
	}
}

func assertBroken(t *testing.T, err error, path string, kind error) {
	t.Helper()
	var broken *BrokenError
	if !errors.As(err, &broken) || broken.Path != path || !errors.Is(err, kind) {
		t.Fatalf("Open: %v; want *BrokenError for %s wrapping %v", err, path, kind)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	t.Log(err)
}

func TestGarbageFile(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":   []byte("Das ist kein Anrufjournal.\n" + strings.Repeat("Müll ", 2000)),
		"short":  []byte("SQLite"),
		"binary": bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Open(path)
			assertBroken(t, err, path, ErrNotDatabase)
			assertUntouched(t, path, data)
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
				t.Errorf("mode changed to %v", fi.Mode().Perm())
			}
		})
	}
}

func TestOtherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "places.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('https://example.org')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	data, _ := os.ReadFile(path)
	_, err = Open(path)
	assertBroken(t, err, path, ErrNotJournal)
	assertUntouched(t, path, data)
}

func TestCorruptJournal(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	insertMany(t, j, []calls.Call{sample(1), sample(2)})
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the 100-byte header (so it still looks like our journal), trash
	// the rest of page 1: the schema.
	for i := 100; i < 4096 && i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(path)
	var broken *BrokenError
	if !errors.As(err, &broken) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open: %v; want *BrokenError naming %s", err, path)
	}
	t.Log(err)
	if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotDatabase) {
		t.Errorf("error %v is neither ErrCorrupt nor ErrNotDatabase", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Error("the corrupt journal was changed")
	}
}

func TestRecover(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	garbage := []byte("kaputt")
	os.WriteFile(path, garbage, 0o600)
	os.WriteFile(path+"-wal", []byte("wal"), 0o600)
	if _, err := Open(path); err == nil {
		t.Fatal("garbage opened")
	}
	moved, err := Recover(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(moved, path+".broken-") {
		t.Errorf("moved to %s", moved)
	}
	if got, _ := os.ReadFile(moved); !bytes.Equal(got, garbage) {
		t.Error("the broken file's content was not kept")
	}
	if got, _ := os.ReadFile(moved + "-wal"); string(got) != "wal" {
		t.Error("the broken file's WAL was not moved along")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a stale WAL stayed next to the new journal")
	}
	j, err := Open(path)
	if err != nil {
		t.Fatalf("Open after Recover: %v", err)
	}
	j.Close()

	// A second recovery in the same second does not overwrite the first.
	os.WriteFile(path, garbage, 0o600)
	moved2, err := Recover(path)
	if err != nil || moved2 == moved {
		t.Errorf("second Recover: %s, %v (first %s)", moved2, err, moved)
	}
	if _, err := Recover(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("Recover of a missing file succeeded")
	}
}

func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	path := filepath.Join(t.TempDir(), FileName)
	j := mustOpen(t, path)
	c := sample(1)
	if err := j.Save(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	j.Close()

	// A journal someone made readable for others is tightened.
	os.Chmod(path, 0o644)
	j = mustOpen(t, path)
	j.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("re-opened journal has mode %v", fi.Mode().Perm())
	}
}

func mustOpen(t *testing.T, path string) *Journal {
	t.Helper()
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestOpenRefusesBadPaths(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "what?.db")); err == nil {
		t.Error("a path with '?' was accepted")
	}
	missing := filepath.Join(dir, "no", "such", "dir", FileName)
	if _, err := Open(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing directory: %v", err)
	}
}

func TestDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/u", nil }
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", nil, filepath.Join("/home/u", ".local", "share")},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data/u"}, "/data/u"},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, filepath.Join("/home/u", ".local", "share")},
		{"freebsd", nil, filepath.Join("/home/u", ".local", "share")},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/ignored"}, filepath.Join("/home/u", "Library", "Application Support")},
		{"windows", map[string]string{"LocalAppData": `C:\Users\u\AppData\Local`}, `C:\Users\u\AppData\Local`},
	}
	for _, tt := range tests {
		got, err := dataDir(tt.goos, env(tt.env), home)
		if err != nil || got != tt.want {
			t.Errorf("%s %v: %q, %v; want %q", tt.goos, tt.env, got, err, tt.want)
		}
	}
	if _, err := dataDir("windows", env(nil), home); err == nil {
		t.Error("windows without LocalAppData: no error")
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("XDG_DATA_HOME is the Linux rule")
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "deskcti", FileName); got != want {
		t.Errorf("DefaultPath %q, want %q", got, want)
	}
	fi, err := os.Stat(filepath.Dir(got))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory: %v, %v; want mode 0700", fi.Mode().Perm(), err)
	}
}
