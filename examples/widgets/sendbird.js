// Sendbird Chat SDK v4 (@sendbird/chat): connect with the user id the backend asked the session token for (its
// user_id from the session) and the token; when the token expires (answer.expires_at) the SDK's session handler asks
// for a new one. SendbirdChat.init and connect(userId, token) are from Sendbird's JavaScript v4 "Authentication"
// page; the session handler's names (SessionHandler, onSessionTokenRequired, setSessionHandler) are from its samples,
// not re-read in its reference: check them against the SDK version you use.
import SendbirdChat, { SessionHandler } from "@sendbird/chat";
import { GroupChannelModule } from "@sendbird/chat/groupChannel";
import { chatToken } from "./chat-token.js";

const sb = SendbirdChat.init({ appId: window.appSendbird.applicationId, modules: [new GroupChannelModule()] });
const handler = new SessionHandler();
handler.onSessionTokenRequired = (resolve, reject) => {
  chatToken().then((answer) => resolve(answer.token), reject);
};
sb.setSessionHandler(handler);
const answer = await chatToken();
await sb.connect(window.appUser.id, answer.token);
