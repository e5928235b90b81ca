// The app's side of chat-token-sidecar, in Go (1.19 or newer; the standard library only).
//
// POST /chat-token answers the page with a chat-widget token for the user logged in to the app: it asks the sidecar
// beside the app (same pod, loopback) for a token of one profile and returns the sidecar's answer (token, expires_at
// and the widget's fields) unchanged. The page hands it to the widget (examples/widgets/).
//
// THE RULE THAT MAKES THE SIDECAR SAFE: the identity sent to the sidecar comes from the app's own session, never from
// the browser. Whoever can choose the user_id gets a token for anyone. The browser's body is read for chat_id only
// (Kindly's widget names its conversation), and a user_id in it is ignored.
//
// Configuration (environment): CHAT_TOKEN_SIDECAR_URL (default http://127.0.0.1:8790), CHAT_TOKEN_PROFILE (default
// dg), CHAT_TOKEN_FIELDS (what the profile's vendor takes: user_id, email, name from the session, chat_id from the
// page; default user_id), CHAT_TOKEN_CALLER_TOKEN_FILE (when the sidecar has chat-token.caller-token-file), PORT
// (default 8080).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Stand-in for the app's own session store: replace with your framework's logged-in user.
var sessions = map[string]map[string]string{
	"demo-session-ana": {"user_id": "customer-42", "email": "ana@example.com", "name": "Ana Lima"},
}

type config struct {
	sidecarURL      string
	profile         string
	fields          []string
	callerTokenFile string
}

type problem struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Field  string `json:"field"`
}

func env(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func loggedInUser(r *http.Request) map[string]string {
	cookie, err := r.Cookie("session")
	if err != nil {
		return nil
	}
	return sessions[cookie.Value]
}

// callerToken is read at every request: the Secret it comes from may be rotated. One trailing newline is not part of it.
func (c config) callerToken() (string, error) {
	if c.callerTokenFile == "" {
		return "", nil
	}
	content, err := os.ReadFile(c.callerTokenFile)
	if err != nil {
		return "", err
	}
	token := string(content)
	if strings.HasSuffix(token, "\r\n") {
		return token[:len(token)-2], nil
	}
	return strings.TrimSuffix(token, "\n"), nil
}

func reply(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

func (c config) chatToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		reply(w, http.StatusNotFound, []byte(`{"error":"not found"}`))
		return
	}
	user := loggedInUser(r)
	if user == nil {
		reply(w, http.StatusUnauthorized, []byte(`{"error":"not logged in"}`))
		return
	}
	var page map[string]interface{}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4097))
	if err == nil && len(body) > 0 {
		err = json.Unmarshal(body, &page)
	}
	if err != nil || len(body) > 4096 {
		reply(w, http.StatusBadRequest, []byte(`{"error":"the body must be a small JSON object"}`))
		return
	}
	identity := map[string]string{}
	for _, field := range c.fields {
		// the session's fields, whatever the page sent; only chat_id is the page's to give
		if field == "chat_id" {
			if chatID, ok := page["chat_id"].(string); ok {
				identity[field] = chatID
			}
		} else if value, ok := user[field]; ok {
			identity[field] = value
		}
	}
	request, _ := json.Marshal(identity)
	token, err := c.callerToken()
	if err != nil {
		log.Printf("chat token: the caller token file cannot be read: %v", err)
		reply(w, http.StatusInternalServerError, []byte(`{"error":"internal error"}`))
		return
	}
	req, err := http.NewRequestWithContext(r.Context(), http.MethodPost,
		c.sidecarURL+"/v1/tokens/"+url.PathEscape(c.profile), bytes.NewReader(request))
	if err != nil {
		reply(w, http.StatusInternalServerError, []byte(`{"error":"internal error"}`))
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, application/problem+json")
	if token != "" {
		req.Header.Set("X-Chat-Token-Caller", token)
	}
	client := http.Client{Timeout: 5 * time.Second}
	answer, err := client.Do(req)
	if err != nil {
		var urlError *url.Error
		reason := "error"
		if errors.As(err, &urlError) && urlError.Timeout() {
			reason = "timeout"
		}
		log.Printf("chat token: the sidecar at %s did not answer: %s", c.sidecarURL, reason)
		reply(w, http.StatusServiceUnavailable, []byte(`{"error":"chat token service unavailable"}`))
		return
	}
	defer answer.Body.Close()
	content, err := io.ReadAll(io.LimitReader(answer.Body, 64*1024))
	if err != nil {
		reply(w, http.StatusServiceUnavailable, []byte(`{"error":"chat token service unavailable"}`))
		return
	}
	if answer.StatusCode == http.StatusOK {
		reply(w, http.StatusOK, content) // token, expires_at and the widget's fields
		return
	}
	var refused problem
	if strings.HasPrefix(answer.Header.Get("Content-Type"), "application/problem+json") && json.Unmarshal(content, &refused) == nil {
		// The sidecar's problems name the cause and never hold a key, a secret or a token: safe to log.
		field := ""
		if refused.Field != "" {
			field = fmt.Sprintf(" (%s)", refused.Field)
		}
		log.Printf("chat token refused: %d %s%s: %s", refused.Status, refused.Type, field, refused.Detail)
		if refused.Field == "chat_id" {
			reply(w, http.StatusBadRequest, []byte(`{"error":"invalid chat_id"}`))
			return
		}
	} else {
		log.Printf("chat token: the sidecar answered %d without a problem", answer.StatusCode)
	}
	reply(w, http.StatusBadGateway, []byte(`{"error":"chat token unavailable"}`))
}

func main() {
	c := config{
		sidecarURL:      strings.TrimRight(env("CHAT_TOKEN_SIDECAR_URL", "http://127.0.0.1:8790"), "/"),
		profile:         env("CHAT_TOKEN_PROFILE", "dg"),
		callerTokenFile: os.Getenv("CHAT_TOKEN_CALLER_TOKEN_FILE"),
	}
	for _, field := range strings.Split(env("CHAT_TOKEN_FIELDS", "user_id"), ",") {
		field = strings.TrimSpace(field)
		switch field {
		case "":
		case "user_id", "email", "name", "chat_id":
			c.fields = append(c.fields, field)
		default:
			log.Fatalf("CHAT_TOKEN_FIELDS: %s is none of user_id, email, name, chat_id", field)
		}
	}
	port := env("PORT", "8080")
	http.HandleFunc("/chat-token", c.chatToken)
	log.Printf("chat-token example (go) on http://127.0.0.1:%s/chat-token, profile %s", port, c.profile)
	log.Fatal(http.ListenAndServe("127.0.0.1:"+port, nil))
}
