package ipc

import (
	"deskcti/platform/ipc/client"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// listener is what the per-OS code provides: accepted connections come
// from the same user only (foreign peers are dropped inside Accept).
type listener interface {
	Accept() (io.ReadWriteCloser, error)
	Close() error
}

// Server answers requests from second processes until Close.
type Server struct {
	ln     listener
	path   string
	handle func(Request) Reply
	closed atomic.Bool
	wg     sync.WaitGroup
	once   sync.Once
	err    error
}

func newServer(ln listener, path string, handle func(Request) Reply) *Server {
	s := &Server{ln: ln, path: path, handle: handle}
	s.wg.Add(1)
	go s.serve()
	return s
}

// Path is where the server listens (socket file or pipe name).
func (s *Server) Path() string { return s.path }

// Close stops accepting, removes the socket, and waits for the handlers
// that are running, so that none runs after Close returns.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.closed.Store(true)
		s.err = s.ln.Close()
		s.wg.Wait()
	})
	return s.err
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if s.closed.Load() {
			if c != nil {
				c.Close()
			}
			return
		}
		if err != nil {
			// Out of file descriptors and the like: back off instead of
			// spinning, and keep serving.
			time.Sleep(20 * time.Millisecond)
			continue
		}
		s.wg.Add(1)
		go s.serveConn(c)
	}
}

// serveConn handles one connection; each has its own goroutine, so a slow
// handler delays only its own client.
func (s *Server) serveConn(c io.ReadWriteCloser) {
	defer s.wg.Done()
	defer c.Close()
	// A watchdog instead of deadlines: named pipes opened for synchronous
	// I/O have none, and closing unblocks a pending read on every OS.
	watchdog := time.AfterFunc(ioTimeout, func() { c.Close() })
	var req Request
	err := client.Read(c, &req)
	watchdog.Stop()
	var rep Reply
	switch {
	case errors.Is(err, client.ErrEmpty):
		return
	case errors.Is(err, ErrTooLarge):
		rep = Reply{Message: "request too large"}
	case err != nil:
		rep = Reply{Message: "bad request: " + err.Error()}
	default:
		rep = s.call(req)
	}
	b, err := client.Encode(rep)
	if err != nil {
		b, _ = client.Encode(Reply{Message: "reply too large"})
	}
	watchdog = time.AfterFunc(ioTimeout, func() { c.Close() })
	c.Write(b)
	watchdog.Stop()
}

// call runs the handler; a panic becomes a failed reply rather than the
// end of the desktop app.
func (s *Server) call(req Request) (rep Reply) {
	defer func() {
		if r := recover(); r != nil {
			rep = Reply{Message: "internal error in the running app"}
		}
	}()
	return s.handle(req)
}

// Listen serves requests at path ("" means DefaultPath), calling handle
// for each on its own goroutine. It returns an error wrapping ErrRunning
// when another app already answers there; a socket left behind by a
// crashed app is removed.
func Listen(path string, handle func(Request) Reply) (*Server, error) {
	if path == "" {
		p, err := DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	ln, err := listen(path)
	if err != nil {
		return nil, err
	}
	return newServer(ln, path, handle), nil
}
