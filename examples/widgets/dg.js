// DigitalGenius (DG): the token goes in the widget's configuration before the widget's script loads; a fresh one
// (before answer.expires_at) reaches a running widget as a system message.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.DG_CHAT_WIDGET_CONFIG = { ...window.DG_CHAT_WIDGET_CONFIG, metadata: { auth_token: answer.token } };
// ...then load DG's widget script. Later, with a fresh answer:
// window.dgchat.methods.sendSystemMessage({ name: "auth_token", payload: answer.token });
