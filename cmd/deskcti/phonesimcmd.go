package main

import (
	"flag"
	"fmt"
	"os"

	"deskcti/app/i18n"
	"deskcti/phone"
	"deskcti/phone/phonesim"
)

// PhonesimPasswordEnv sets the emulator's web password; without it the
// emulator uses the phones' factory default "admin".
const PhonesimPasswordEnv = "DESKCTI_PHONESIM_PASSWORD"

type simFlags struct {
	listen, auth, model, firmware, allow string
	tls, prompt                          bool
}

func (f *simFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.listen, "listen", "127.0.0.1:8081", i18n.T("flag.listen"))
	fs.StringVar(&f.auth, "auth", "digest", i18n.T("flag.auth"))
	fs.StringVar(&f.model, "model", "", i18n.T("flag.model"))
	fs.StringVar(&f.firmware, "firmware", "", i18n.T("flag.firmware"))
	fs.StringVar(&f.allow, "allow", "any", i18n.T("flag.allow"))
	fs.BoolVar(&f.tls, "tls", false, i18n.T("flag.tls"))
	fs.BoolVar(&f.prompt, "prompt", false, i18n.T("flag.prompt"))
}

// options turns the flags into emulator options. The shared --vendor and
// --user flags say which phone to emulate (snom and admin by default), so
// "deskcti phonesim --vendor yealink" reads as one would expect.
func (f *simFlags) options(e *env) (phonesim.Options, error) {
	vendorName, user := "snom", "admin"
	if e.flags.set["vendor"] {
		vendorName = e.flags.vendor
	}
	if e.flags.set["user"] {
		user = e.flags.user
	}
	v, err := phone.ParseVendor(vendorName)
	if err != nil {
		return phonesim.Options{}, err
	}
	pw, ok := os.LookupEnv(PhonesimPasswordEnv)
	if !ok {
		pw = "admin"
	}
	o := phonesim.Options{Vendor: v, Model: f.model, Firmware: f.firmware, User: user, Password: pw, TLS: f.tls}
	switch f.auth {
	case "digest":
		o.Auth = phonesim.AuthDigest
	case "basic":
		o.Auth = phonesim.AuthBasic
	default:
		return o, fmt.Errorf("--auth %q: want basic or digest", f.auth)
	}
	if v == phone.Yealink {
		o.Auth = phonesim.AuthBasic // Yealink only speaks Basic
		o.AllowIPs = f.allow
		o.Prompt = f.prompt
	}
	return o, nil
}

func init() {
	f := &simFlags{}
	register(&command{name: "phonesim", summary: "cmd.phonesim", flags: f.register,
		run: func(e *env) error { return runPhonesim(e, f) }})
}

func runPhonesim(e *env, f *simFlags) error {
	if len(e.args) != 0 {
		return errUsage
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	sim, err := phonesim.Listen(o, f.listen)
	if err != nil {
		return fmt.Errorf("start phone emulator: %w", err)
	}
	defer sim.Close()
	fmt.Fprintln(e.stdout, i18n.T("cli.phonesim.running", o.Vendor, sim.URL(), o.User, PhonesimPasswordEnv))
	if fp := sim.Fingerprint(); fp != "" {
		fmt.Fprintln(e.stdout, i18n.T("cli.phonesim.fingerprint", fp))
	}
	<-e.ctx.Done()
	return nil
}
