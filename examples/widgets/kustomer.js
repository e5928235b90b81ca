// Kustomer: log the user in right after the app's login; Kustomer takes the token for 15 minutes after its iat, so
// fetch it when calling logIn, not ahead of time.
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
Kustomer.logIn(answer.token);
