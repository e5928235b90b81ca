// Front Chat: userHash with the e-mail the backend signed (or, when it sent a user id too, with that user id).
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
FrontChat("identity", { email: window.appUser.email, name: window.appUser.name, userHash: answer.userHash });
