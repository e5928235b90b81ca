// Microsoft Dynamics 365 Omnichannel authenticated chat: the function named in the chat authentication settings
// (auth.getAuthenticationToken); the widget calls it for every new chat and waits 10 seconds at most.
import { chatToken } from "./chat-token.js";

window.auth = {
  getAuthenticationToken: (callback) => {
    chatToken().then((answer) => callback(answer.token));
  },
};
