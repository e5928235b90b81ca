// LivePerson authenticated messaging, implicit flow: the authentication connector's "JS Method Name" is this
// function, which LivePerson calls for a token; the identity names the same issuer and user as the token.
import { chatToken } from "./chat-token.js";

window.lpGetAuthenticationToken = (callback) => {
  chatToken().then((answer) => callback(answer.token));
};
window.lpTag = window.lpTag || {};
window.lpTag.identities = window.lpTag.identities || [];
window.lpTag.identities.push((callback) =>
  callback({ iss: window.appUser.livePersonIssuer, acr: "loa1", sub: window.appUser.id }),
);
