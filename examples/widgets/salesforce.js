// Salesforce Enhanced Chat user verification: hand the identity token over once the widget is ready (in every tab
// and after every page load), again when it expires, and clear the session on the app's logout.
import { chatToken } from "./chat-token.js";

async function verify() {
  const answer = await chatToken();
  embeddedservice_bootstrap.userVerificationAPI.setIdentityToken({ identityTokenType: "JWT", identityToken: answer.token });
}
window.addEventListener("onEmbeddedMessagingReady", verify);
window.addEventListener("onEmbeddedMessagingIdentityTokenExpired", verify);
// on the app's logout: embeddedservice_bootstrap.userVerificationAPI.clearSession(true);
