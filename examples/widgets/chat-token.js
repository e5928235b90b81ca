// The page's side: asks the app's backend (examples/node, python, java, go: POST /chat-token) for a token of the user
// logged in to the app. The backend knows the user from its session, so the page sends no user id (Kindly's chat_id
// is the one field it gives). The answer is the sidecar's: token, expires_at (epoch seconds, or null for a token
// without exp) and the widget's own fields, named as in the README's "Getting a token". Each <vendor>.js beside this
// file hands it to that vendor's widget; load it as a module (<script type="module" src="dg.js">). Widgets that take
// the user's id or e-mail in clear beside the signature must get the very values the backend signed: the app renders
// them into its page from the same session (window.appUser in these snippets).
export async function chatToken(body = {}) {
  const response = await fetch("/chat-token", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`chat token: HTTP ${response.status}`);
  return response.json();
}
