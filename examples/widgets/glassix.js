// Glassix web chat with identity verification (Web Chat settings > Require identity verification): the token goes
// with the customer's uniqueIdentifier, the lowercase UUID the backend signed as aud (its user_id from the session).
// The widgetOptions member that takes the token is cut off in every copy of Glassix's page read: check it there.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.widgetOptions = {
  ...window.widgetOptions,
  uniqueIdentifier: window.appUser.chatId,
  token: answer.token, // the member's name: see Glassix's document
};
