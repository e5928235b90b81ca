// Twilio Conversations: the access token opens the client (its identity is the backend's user_id); renew it before
// it expires.
import { Client } from "@twilio/conversations";
import { chatToken } from "./chat-token.js";

const answer = await chatToken();
const conversations = new Client(answer.token);
conversations.on("tokenAboutToExpire", async () => {
  const fresh = await chatToken();
  await conversations.updateToken(fresh.token);
});
