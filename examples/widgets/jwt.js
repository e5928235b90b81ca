// A declared JWT vendor (vendor=jwt): the answer has the token alone; hand it to the widget as its document says.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.myChatWidget.setToken(answer.token); // the widget's own call
