// Channel Talk messenger: boot with the member the backend asked the session JWT for (answer.memberId, its user_id
// from the session). UNCERTAIN: Channel Talk documents how the server issues the session JWT ("Issue token for a
// User"), not which boot option of the web SDK takes it; its iOS SDK takes it as the boot parameter sessionJWT, used
// the same way here. Check it in Channel Talk's console before relying on it. The JWT lives as long as the profile's
// ttl (30 minutes by default): boot again with a fresh one after answer.expires_at.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.ChannelIO("boot", {
  pluginKey: window.appChannelTalk.pluginKey,
  memberId: answer.memberId,
  sessionJWT: answer.sessionJWT,
});
