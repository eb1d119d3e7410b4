package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/platform/locale"
)

// shared are the flags every subcommand accepts. Each overrides the
// settings file for this run only (unless `deskcti config --save`).
type shared struct {
	configPath  string
	vendor      string
	phoneURL    string
	user        string
	insecure    bool
	country     string
	areaCode    string
	outsideLine string
	timeout     time.Duration
	lang        string
	set         map[string]bool // names of the flags given on the command line
}

func (s *shared) register(fs *flag.FlagSet) {
	fs.StringVar(&s.configPath, "config", "", i18n.T("flag.config"))
	fs.StringVar(&s.vendor, "vendor", "", i18n.T("flag.vendor"))
	fs.StringVar(&s.phoneURL, "phone", "", i18n.T("flag.phone"))
	fs.StringVar(&s.user, "user", "", i18n.T("flag.user"))
	fs.BoolVar(&s.insecure, "insecure", false, i18n.T("flag.insecure"))
	fs.StringVar(&s.country, "country", "", i18n.T("flag.country"))
	fs.StringVar(&s.areaCode, "area-code", "", i18n.T("flag.area-code"))
	fs.StringVar(&s.outsideLine, "outside-line", "", i18n.T("flag.outside-line"))
	fs.DurationVar(&s.timeout, "timeout", 0, i18n.T("flag.timeout"))
	fs.StringVar(&s.lang, "lang", "", i18n.T("flag.lang"))
}

// apply writes the flags that were given over cfg.
func (s *shared) apply(cfg *config.Config) {
	if s.set["vendor"] {
		cfg.Phone.Vendor = strings.ToLower(s.vendor)
	}
	if s.set["phone"] {
		cfg.Phone.URL = s.phoneURL
	}
	if s.set["user"] {
		cfg.Phone.User = s.user
	}
	if s.set["insecure"] {
		cfg.Phone.Insecure = s.insecure
	}
	if s.set["country"] {
		cfg.Dial.Country = strings.ToUpper(s.country)
	}
	if s.set["area-code"] {
		cfg.Dial.AreaCode = s.areaCode
	}
	if s.set["outside-line"] {
		cfg.Dial.OutsideLine = s.outsideLine
	}
	if s.set["timeout"] {
		cfg.Phone.Timeout = config.Duration(s.timeout)
	}
	if s.set["lang"] {
		cfg.UI.Language = s.lang
	}
}

// errUsage marks a command line that could not be understood (exit 2).
var errUsage = errors.New("usage")

// parse parses args with fs, allowing flags anywhere between the positional
// arguments ("deskcti dial 0221 4711 --vendor yealink"), as users type them.
// "--" ends flag parsing.
func parse(fs *flag.FlagSet, s *shared, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	s.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { s.set[f.Name] = true })
	if s.set["vendor"] {
		switch strings.ToLower(s.vendor) {
		case "snom", "yealink":
		default:
			fmt.Fprintln(fs.Output(), i18n.T("cli.bad-vendor", s.vendor))
			return nil, errUsage
		}
	}
	if s.set["lang"] {
		if _, ok := i18n.Parse(s.lang); !ok {
			fmt.Fprintln(fs.Output(), i18n.T("cli.bad-lang", s.lang))
			return nil, errUsage
		}
	}
	return pos, nil
}

// chooseLanguage picks the CLI's language before anything is printed: the
// --lang flag, then the settings file, then the system.
func chooseLanguage(args []string, settingsLang string) {
	for i, a := range args {
		for _, p := range []string{"-lang=", "--lang="} {
			if v, ok := strings.CutPrefix(a, p); ok {
				if l, ok := i18n.Parse(v); ok {
					i18n.Set(l)
					return
				}
			}
		}
		if (a == "-lang" || a == "--lang") && i+1 < len(args) {
			if l, ok := i18n.Parse(args[i+1]); ok {
				i18n.Set(l)
				return
			}
		}
	}
	if l, ok := i18n.Parse(settingsLang); ok {
		i18n.Set(l)
		return
	}
	for _, name := range locale.Preferred() {
		if l, ok := i18n.Parse(name); ok {
			i18n.Set(l)
			return
		}
	}
	i18n.Set(i18n.English)
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
