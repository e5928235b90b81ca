// tawk.to Secure Mode: login() with the user id the backend signed (its user_id from the session) and the hash.
// The key is the property's JavaScript API key (Administration > Overview > JavaScript API, Secure Mode on).
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.Tawk_API = window.Tawk_API || {};
window.Tawk_API.onLoad = () =>
  window.Tawk_API.login(
    { hash: answer.hash, userId: window.appUser.id, name: window.appUser.name, email: window.appUser.email },
    (error) => error && console.warn("tawk.to login refused", error),
  );
