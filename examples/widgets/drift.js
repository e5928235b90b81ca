// Drift signed identity (unverified hand-off: check it against Drift's page, Settings > Widget > Security): the JWT
// as userJwt beside the same user id the backend signed.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
drift.identify(window.appUser.id, { email: window.appUser.email, userJwt: answer.token });
