package httpx

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"sync"

	"github.com/go-resty/resty/v2"

	"deskcti/phone"
)

// maxBody bounds what is read of an answer; a snom settings.xml with every
// setting is a few hundred kilobytes.
const maxBody = 8 << 20

// userAgent identifies deskcti in the phone's logs.
const userAgent = "deskcti"

// Client is the HTTP client of one phone. It is safe for concurrent use.
type Client struct {
	opts Options
	rc   *resty.Client

	mu     sync.Mutex
	auth   authState
	peerFP string // fingerprint of the last certificate the phone presented
}

// Response is a phone's answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// New checks the options and builds the client. Errors are about the
// options (address, fingerprint) and never contain the password.
func New(o Options) (*Client, error) {
	o, _, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Client{opts: o}
	v := verifier{pin: o.Fingerprint, insecure: o.Insecure, seen: c.setPeerFingerprint}
	dialer := &net.Dialer{Timeout: o.ConnectTimeout}
	tr := &http.Transport{
		// Phones sit on the LAN; a proxy from the environment would
		// see the credentials and usually cannot reach the phone anyway.
		Proxy:           nil,
		DialContext:     dialer.DialContext,
		TLSClientConfig: v.tlsConfig(),
		// A fresh connection per request: net/http silently replays an
		// idempotent request when a reused connection dies before the
		// answer, and a replayed dial would ring twice.
		DisableKeepAlives: true,
		// Phones speak HTTP/1.1; HTTP/2 would bring its own retries.
		TLSNextProto:           map[string]func(string, *tls.Conn) http.RoundTripper{},
		MaxResponseHeaderBytes: 64 << 10,
	}
	rc := resty.NewWithClient(&http.Client{Transport: tr}).
		SetBaseURL(o.BaseURL).
		SetRetryCount(0).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error {
			// snom answers a successful dial with 302: hand it back.
			return http.ErrUseLastResponse
		})).
		SetLogger(quietLogger{}).
		SetDisableWarn(true).
		SetHeader("User-Agent", userAgent).
		SetResponseBodyLimit(maxBody)
	c.rc = rc
	return c, nil
}

// Vendor is the phone family the client was made for.
func (c *Client) Vendor() phone.Vendor { return c.opts.Vendor }

// BaseURL is the normalised phone address, scheme://host[:port].
func (c *Client) BaseURL() string { return c.opts.BaseURL }

// PeerFingerprint is the SHA-256 fingerprint of the certificate the phone
// presented on the last HTTPS connection ("" before one, or over http).
func (c *Client) PeerFingerprint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.peerFP
}

func (c *Client) setPeerFingerprint(fp string) {
	c.mu.Lock()
	c.peerFP = fp
	c.mu.Unlock()
}

// Get sends GET path?rawQuery. rawQuery goes on the wire exactly as given
// (it must already be percent-encoded; a character that cannot appear in a
// query, such as a space or '#', is refused before anything is sent). op
// names the operation in errors ("dial", "probe", ...).
//
// 2xx and 3xx answers are success; redirects are returned, not followed.
// Any failure is a *phone.Error. For an HTTP answer of 400 or more the
// Response is returned together with the error, so that a driver can look
// at the status and body (a 404 from a snom D8xx, for instance).
func (c *Client) Get(ctx context.Context, op, path, rawQuery string) (*Response, error) {
	return c.do(ctx, op, http.MethodGet, path, rawQuery, nil, "")
}

// Post sends POST path?rawQuery with body of the given content type; see
// Get for everything else.
func (c *Client) Post(ctx context.Context, op, path, rawQuery, contentType string, body []byte) (*Response, error) {
	if body == nil {
		body = []byte{}
	}
	return c.do(ctx, op, http.MethodPost, path, rawQuery, body, contentType)
}

// do runs one request and the answer to at most one authentication
// challenge (plus one more when the phone declares the nonce stale).
func (c *Client) do(ctx context.Context, op, method, path, rawQuery string, body []byte, contentType string) (*Response, error) {
	target, err := requestTarget(path, rawQuery)
	if err != nil {
		return nil, &phone.Error{Kind: phone.KindOther, Vendor: c.opts.Vendor, Op: op, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()

	sent, sentNonce := c.authorization(method, target, body)
	preemptive := sent != ""
	staleUsed := false
	for {
		resp, err := c.send(ctx, method, target, body, contentType, sent)
		if err != nil {
			return nil, classify(c.opts.Vendor, op, err)
		}
		if resp.Status != http.StatusUnauthorized {
			return c.result(op, resp)
		}
		if !c.hasCredentials() {
			return resp, c.authError(op, "the phone asks for a user name and password, but none are configured")
		}
		mode, d, unsupported := pick(parseChallenges(resp.Header.Values("WWW-Authenticate")))
		if mode == authNone {
			return resp, c.authError(op, "the phone asks for an authentication deskcti does not speak ("+unsupported+")")
		}
		c.remember(mode, d)
		answer, stale := shouldAnswer(sent, preemptive, staleUsed, sentNonce, mode, d)
		if !answer {
			return resp, c.authError(op, "the phone refused the user name or password")
		}
		staleUsed = staleUsed || stale
		preemptive = false
		sent, sentNonce = c.authorization(method, target, body)
	}
}

// send performs exactly one HTTP exchange.
func (c *Client) send(ctx context.Context, method, target string, body []byte, contentType, authz string) (*Response, error) {
	r := c.rc.R().SetContext(ctx)
	if authz != "" {
		r.SetHeader("Authorization", authz)
	}
	if body != nil {
		r.SetBody(body)
		if contentType != "" {
			r.SetHeader("Content-Type", contentType)
		}
	}
	res, err := r.Execute(method, target)
	if err != nil {
		return nil, err
	}
	return &Response{Status: res.StatusCode(), Header: res.Header(), Body: res.Body()}, nil
}

// result turns an answer other than 401 into success or a typed error.
func (c *Client) result(op string, resp *Response) (*Response, error) {
	switch {
	case resp.Status >= 200 && resp.Status < 400:
		return resp, nil
	case resp.Status == http.StatusForbidden:
		return resp, &phone.Error{Kind: phone.KindForbidden, Vendor: c.opts.Vendor, Op: op, Status: resp.Status,
			Err: fmt.Errorf("the phone refused the request")}
	default:
		return resp, &phone.Error{Kind: phone.KindBadResponse, Vendor: c.opts.Vendor, Op: op, Status: resp.Status,
			Err: fmt.Errorf("unexpected answer %s", http.StatusText(resp.Status))}
	}
}

func (c *Client) authError(op, why string) error {
	return &phone.Error{Kind: phone.KindAuth, Vendor: c.opts.Vendor, Op: op, Status: http.StatusUnauthorized,
		Err: fmt.Errorf("%s", why)}
}

// quietLogger keeps resty silent: nothing of a request, least of all its
// Authorization header, ends up in a log.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}
