// Chatwoot: the identifier the backend signed (its user_id), with identifier_hash.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.$chatwoot.setUser(window.appUser.id, {
  email: window.appUser.email,
  name: window.appUser.name,
  identifier_hash: answer.identifier_hash,
});
