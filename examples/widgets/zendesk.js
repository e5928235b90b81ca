// Zendesk messaging (Web Widget): the widget calls this function whenever it needs a token, again after exp, so it
// fetches a fresh one each time.
import { chatToken } from "./chat-token.js";

zE("messenger", "loginUser", (callback) => {
  chatToken().then((answer) => callback(answer.token));
});
// on the app's logout: zE("messenger", "logoutUser");
