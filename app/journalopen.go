package app

import (
	"context"
	"time"

	"deskcti/app/config"
	"deskcti/app/journal"
)

// OpenJournal opens the call journal at path, else the settings' path,
// else the OS data directory, and deletes calls older than the settings'
// KeepDays.
func OpenJournal(ctx context.Context, jc config.Journal, path string) (*journal.Journal, error) {
	if path == "" {
		path = jc.Path
	}
	if path == "" {
		p, err := journal.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	j, err := journal.Open(path)
	if err != nil {
		return nil, err
	}
	if jc.KeepDays > 0 {
		if _, err := j.Prune(ctx, time.Now().AddDate(0, 0, -jc.KeepDays)); err != nil {
			j.Close()
			return nil, err
		}
	}
	return j, nil
}
