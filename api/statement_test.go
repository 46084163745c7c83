package api_test

import (
	"net/http"
	"testing"

	"github.com/parley/parley/api"
)

func TestStatements(t *testing.T) {
	f := newFixture(t, api.Config{})
	f.postSeed()
	about := func(st map[string]any, id string) bool {
		for _, a := range st["about"].([]any) {
			if a.(map[string]any)["id"] == id {
				return true
			}
		}
		return false
	}
	t.Run("OKAboutAnySpeaker", func(t *testing.T) {
		code, body := f.do("GET", "/v1/statements?about=Iraq", "", nil)
		if code != http.StatusOK {
			t.Fatalf("GET /v1/statements?about=Iraq = %d %v, want 200", code, body)
		}
		speakers := map[any]bool{}
		for _, st := range items(t, body) {
			if !about(st, "country:iraq") {
				t.Errorf("statement %v is not about Iraq", st["id"])
			}
			speakers[st["speaker"].(map[string]any)["id"]] = true
		}
		if !speakers["person:ali-khamenei"] || !speakers["person:mohammed-shia-al-sudani"] {
			t.Errorf("speakers about Iraq = %v, want Khamenei and al-Sudani", speakers)
		}
	})
	t.Run("OKSpeakerAndAbout", func(t *testing.T) {
		code, body := f.do("GET", "/v1/statements?speaker=Khamenei&about=Iraq&limit=1", "", nil)
		its := items(t, body)
		if code != http.StatusOK || len(its) != 1 || its[0]["speaker"].(map[string]any)["id"] != "person:ali-khamenei" {
			t.Fatalf("GET speaker=Khamenei&about=Iraq&limit=1 = %d %v", code, body)
		}
		if body["next"] == "" {
			t.Errorf("no next cursor after one of several statements")
		}
		code, next := f.do("GET", "/v1/statements?speaker=Khamenei&about=Iraq&limit=1&cursor="+body["next"].(string), "", nil)
		if its2 := items(t, next); code != http.StatusOK || len(its2) != 1 || its2[0]["id"] == its[0]["id"] {
			t.Errorf("second page = %d %v, want another statement", code, next)
		}
	})
	for _, tc := range []struct{ name, target, code string }{
		{"ErrUnknownActor", "/v1/statements?about=Nobody%20Anywhere", "not_found"},
		{"ErrUnknownParameter", "/v1/statements?topic=Iraq", "invalid"},
		{"ErrBadLimit", "/v1/statements?limit=0", "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, body := f.do("GET", tc.target, "", nil); errorCode(body) != tc.code {
				t.Errorf("GET %s = %v, want error %s", tc.target, body, tc.code)
			}
		})
	}
}
