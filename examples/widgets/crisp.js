// Crisp identity verification: the e-mail the backend signed, with its signature.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
$crisp.push(["set", "user:email", [window.appUser.email, answer.signature]]);
