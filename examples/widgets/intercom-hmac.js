// Intercom, legacy identity verification: user_hash beside the same user_id (or e-mail) the backend signed.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.intercomSettings = { ...window.intercomSettings, user_id: window.appUser.id, user_hash: answer.user_hash };
