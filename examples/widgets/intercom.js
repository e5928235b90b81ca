// Intercom Messenger security: the JWT goes in the settings before the Messenger boots; push a fresh one with
// Intercom("update", ...) before answer.expires_at.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.intercomSettings = { ...window.intercomSettings, intercom_user_jwt: answer.intercom_user_jwt };
// later: Intercom("update", { intercom_user_jwt: answer.intercom_user_jwt });
