//go:build unix

package ldap

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	goldap "github.com/go-ldap/ldap/v3"

	"deskcti/platform/testtool"
)

// slapd is an OpenLDAP server of the test's own, on loopback ports chosen
// by the OS, with the fixture directory loaded.
type slapd struct {
	t        *testing.T
	bin      string
	dir      string
	conf     string
	tls      bool
	port     int
	tlsPort  int
	URL      string // ldap://127.0.0.1:port
	LDAPSURL string // ldaps://127.0.0.1:tlsPort, when started with TLS
	CAFile   string // the server's self-signed certificate, when with TLS

	cmd    *exec.Cmd
	done   chan struct{} // closed when cmd has exited
	out    *syncBuffer
	paused bool
}

// syncBuffer collects slapd's output, written by exec's copying goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// findTool returns the path of an OpenLDAP server tool (Debian packages
// slapd and ldap-utils) or ends the test.
func findTool(t *testing.T, name string) string {
	t.Helper()
	return testtool.Need(t, name, "slapd")
}

// startSlapd starts a server with the fixture directory and stops it when
// the test ends. withTLS adds a self-signed certificate for StartTLS and a
// second, ldaps:// listener.
func startSlapd(t *testing.T, withTLS bool) *slapd {
	t.Helper()
	s := &slapd{t: t, bin: findTool(t, "slapd"), dir: t.TempDir(), tls: withTLS}
	slapadd := findTool(t, "slapadd")
	if err := os.Mkdir(filepath.Join(s.dir, "db"), 0o700); err != nil {
		t.Fatal(err)
	}
	if withTLS {
		s.CAFile = filepath.Join(s.dir, "cert.pem")
		writeSelfSigned(t, s.CAFile, filepath.Join(s.dir, "key.pem"))
	}
	s.conf = filepath.Join(s.dir, "slapd.conf")
	if err := os.WriteFile(s.conf, []byte(s.config()), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(s.dir, "people.ldif")
	if err := os.WriteFile(data, []byte(ldif(fixtureEntries())), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(slapadd, "-q", "-f", s.conf, "-l", data).CombinedOutput(); err != nil {
		t.Fatalf("slapadd: %v\n%s", err, out)
	}
	t.Cleanup(s.stop)

	// Another process may take a port between our probe and slapd's bind;
	// then slapd exits at once and we try other ports.
	var err error
	for range 5 {
		s.port, s.tlsPort = freePort(t), freePort(t)
		s.URL = fmt.Sprintf("ldap://127.0.0.1:%d", s.port)
		s.LDAPSURL = fmt.Sprintf("ldaps://127.0.0.1:%d", s.tlsPort)
		if err = s.start(); err == nil {
			return s
		}
	}
	t.Fatalf("slapd would not start: %v", err)
	return nil
}

// config is an old-style slapd.conf: an mdb database in the test's
// directory that only bound users may read.
func (s *slapd) config() string {
	var b strings.Builder
	for _, schema := range []string{"core", "cosine", "inetorgperson", "nis"} {
		fmt.Fprintf(&b, "include /etc/ldap/schema/%s.schema\n", schema)
	}
	b.WriteString("modulepath /usr/lib/ldap\nmoduleload back_mdb\n")
	if s.tls {
		fmt.Fprintf(&b, "TLSCertificateFile %s\nTLSCertificateKeyFile %s\n",
			s.CAFile, filepath.Join(s.dir, "key.pem"))
	}
	fmt.Fprintf(&b, `database mdb
maxsize 16777216
suffix %q
rootdn %q
rootpw %s
directory %s
index objectClass eq
access to attrs=userPassword
	by anonymous auth
	by * none
access to *
	by users read
	by * none
`, testSuffix, rootDN, rootPW, filepath.Join(s.dir, "db"))
	return b.String()
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// start runs slapd on s's ports and waits until it accepts a bind.
func (s *slapd) start() error {
	hosts := s.URL + "/"
	if s.tls {
		hosts += " " + s.LDAPSURL + "/"
	}
	s.out = &syncBuffer{}
	cmd := exec.Command(s.bin, "-d", "0", "-h", hosts, "-f", s.conf)
	cmd.Stdout, cmd.Stderr = s.out, s.out
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(done)
	}()
	s.cmd, s.done, s.paused = cmd, done, false

	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-done:
			return fmt.Errorf("slapd exited: %s", s.out)
		default:
		}
		err := s.ping()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			s.stop()
			return fmt.Errorf("slapd not answering: %v\n%s", err, s.out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ping binds as the root DN.
func (s *slapd) ping() error {
	l, err := goldap.DialURL(s.URL, goldap.DialWithDialer(&net.Dialer{Timeout: time.Second}))
	if err != nil {
		return err
	}
	defer l.Close()
	l.SetTimeout(time.Second)
	return l.Bind(rootDN, rootPW)
}

// stop ends slapd (resuming it first if paused) and waits for it.
func (s *slapd) stop() {
	if s.cmd == nil {
		return
	}
	select {
	case <-s.done:
	default:
		if s.paused {
			_ = s.cmd.Process.Signal(syscall.SIGCONT)
		}
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
	s.cmd, s.paused = nil, false
}

// restart starts slapd again on the same ports, which the Source under
// test knows; slapd just let go of them, so they are normally free at once.
func (s *slapd) restart() {
	s.t.Helper()
	var err error
	for range 20 {
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("slapd restart: %v", err)
}

// pause freezes slapd with SIGSTOP: its ports still accept connections
// (the kernel completes the handshake) but nothing answers, like a hung
// server. stop resumes it.
func (s *slapd) pause() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		s.t.Fatal(err)
	}
	s.paused = true
	// The signal is delivered asynchronously: a busy slapd thread may still
	// answer one more request. Wait until every thread is stopped.
	deadline := time.Now().Add(5 * time.Second)
	for !allThreadsStopped(s.cmd.Process.Pid) {
		if time.Now().After(deadline) {
			s.t.Fatal("slapd does not stop on SIGSTOP")
		}
		time.Sleep(time.Millisecond)
	}
}

// allThreadsStopped reports whether every thread of pid is in state T
// (stopped). Where there is no /proc to tell, it waits a moment and
// assumes so.
func allThreadsStopped(pid int) bool {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/stat", pid))
	if err != nil || len(tasks) == 0 {
		time.Sleep(100 * time.Millisecond)
		return true
	}
	for _, task := range tasks {
		b, err := os.ReadFile(task)
		if err != nil {
			continue // the thread ended
		}
		// "pid (comm) state ...": comm may contain spaces, so look after ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 || i+2 >= len(b) || (b[i+2] != 'T' && b[i+2] != 't') {
			return false
		}
	}
	return true
}

func (s *slapd) resume() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		s.t.Fatal(err)
	}
	s.paused = false
}

// writeSelfSigned writes a certificate for 127.0.0.1 and localhost that is
// its own CA, and its key.
func writeSelfSigned(t *testing.T, certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "deskcti test LDAP", Organization: []string{"Muster GmbH"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), 0o600); err != nil {
		t.Fatal(err)
	}
}
