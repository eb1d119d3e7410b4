// Package app is deskcti without a screen: settings, the phone driver built
// from them, the one dial function every way of dialling ends in, the
// connection test and the explanations of what went wrong. The CLI and the
// desktop UI are thin layers over it.
package app
