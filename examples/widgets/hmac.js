// A declared HMAC vendor (vendor=hmac): the digest is the token and the field the profile's answer-field names (the
// demo's "hash"); hand it to the widget with the same text the profile's message signed.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
window.myChatWidget.identify({ id: window.appUser.id, email: window.appUser.email, hash: answer.hash }); // the widget's own call
