package carddav

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"deskcti/platform/testtool"
)

const (
	testUser = "anna"
	testPass = "Geheim-Passwort-42"
)

// radicale is a real Radicale server started for one test on loopback.
type radicale struct {
	base string // http://127.0.0.1:PORT

	mu  sync.Mutex
	log bytes.Buffer
}

var listenRE = regexp.MustCompile(`Listening on '\[?127\.0\.0\.1\]?:(\d+)'`)

// startRadicale runs radicale with htpasswd (plain) auth for testUser and
// owner_only rights on a port the OS picks, and stops it at cleanup.
func startRadicale(t *testing.T) *radicale {
	t.Helper()
	bin := testtool.Need(t, "radicale", "radicale")
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if err := os.WriteFile(users, []byte(testUser+":"+testPass+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// htpasswd_encryption plain needs no extra Python modules (bcrypt needs
	// passlib[bcrypt]); delay 0 so that the wrong-password test is fast.
	conf := fmt.Sprintf(`[server]
hosts = 127.0.0.1:0
[auth]
type = htpasswd
htpasswd_filename = %s
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = %s
[web]
type = none
[logging]
level = info
`, users, filepath.Join(dir, "collections"))
	cfgFile := filepath.Join(dir, "config")
	if err := os.WriteFile(cfgFile, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "--config", cfgFile)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatalf("start radicale: %v", err)
	}
	r := &radicale{}
	port := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			r.mu.Lock()
			r.log.WriteString(line + "\n")
			r.mu.Unlock()
			if m := listenRE.FindStringSubmatch(line); m != nil {
				select {
				case port <- m[1]:
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-done
		_ = cmd.Wait()
		if t.Failed() {
			r.mu.Lock()
			t.Logf("radicale log:\n%s", r.log.String())
			r.mu.Unlock()
		}
	})
	select {
	case p := <-port:
		r.base = "http://127.0.0.1:" + p
	case <-done:
		t.Fatalf("radicale exited before listening:\n%s", r.logText())
	case <-time.After(15 * time.Second):
		t.Fatalf("radicale did not start:\n%s", r.logText())
	}
	return r
}

func (r *radicale) logText() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.String()
}

// do sends one authenticated request and fails the test unless the status
// is one of want.
func (r *radicale) do(t *testing.T, method, path, ctype, body string, want ...int) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, r.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(testUser, testPass)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, w := range want {
		if resp.StatusCode == w {
			return resp
		}
	}
	t.Fatalf("%s %s: status %d, want %v: %s", method, path, resp.StatusCode, want, b)
	return nil
}

// mkAddressBook creates an address book with an extended MKCOL (RFC 5689).
func (r *radicale) mkAddressBook(t *testing.T, path, display string) {
	t.Helper()
	r.mkcol(t, path, `<CR:addressbook/>`, display)
}

// mkCalendar creates a calendar, which discovery must pass over.
func (r *radicale) mkCalendar(t *testing.T, path, display string) {
	t.Helper()
	r.mkcol(t, path, `<C:calendar/>`, display)
}

func (r *radicale) mkcol(t *testing.T, path, rtype, display string) {
	t.Helper()
	body := `<?xml version="1.0" encoding="utf-8"?>
<mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <set><prop><resourcetype><collection/>` + rtype + `</resourcetype><displayname>` + display + `</displayname></prop></set>
</mkcol>`
	r.do(t, "MKCOL", path, "application/xml; charset=utf-8", body, http.StatusCreated)
}

// put stores a card; lines are joined with CRLF.
func (r *radicale) put(t *testing.T, path string, lines ...string) {
	t.Helper()
	r.do(t, http.MethodPut, path, "text/vcard; charset=utf-8", strings.Join(lines, "\r\n")+"\r\n",
		http.StatusCreated, http.StatusNoContent, http.StatusOK)
}

func (r *radicale) del(t *testing.T, path string) {
	t.Helper()
	r.do(t, http.MethodDelete, path, "", "", http.StatusOK, http.StatusNoContent)
}
