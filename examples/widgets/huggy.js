// Huggy: the user's identifier and its hash are set before the widget starts (or passed to Huggy.login).
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.huggyData = { userIdentifier: answer.user_identifier, userHash: answer.user_hash };
// or, on a widget already running: Huggy.login({ userIdentifier: answer.user_identifier, userHash: answer.user_hash });
