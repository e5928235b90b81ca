// Help Scout Beacon Secure Mode: the e-mail the backend signed, with its signature.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
Beacon("identify", { name: window.appUser.name, email: window.appUser.email, signature: answer.signature });
