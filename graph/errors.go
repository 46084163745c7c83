package graph

import "errors"

// Sentinel errors. Backends and callers wrap them with context using %w;
// api maps them to HTTP statuses in one table.
var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means the input is malformed or breaks a rule of the model.
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the request conflicts with what is stored.
	ErrConflict = errors.New("conflict")
	// ErrAmbiguous means a name matches several actors; see AmbiguousError.
	ErrAmbiguous = errors.New("ambiguous")
	// ErrUnavailable means the backend cannot be reached right now; retrying later may work.
	ErrUnavailable = errors.New("store unavailable")
)

// AmbiguousError reports a name that matches more than one actor.
type AmbiguousError struct {
	Name       string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	return "name " + quote(e.Name) + " matches several actors"
}

// Unwrap makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

func quote(s string) string { return "\"" + s + "\"" }
