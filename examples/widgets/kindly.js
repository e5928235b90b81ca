// Kindly: the widget asks for a token for each chat, with the chat's id; the backend adds the user from its session
// (CHAT_TOKEN_FIELDS=user_id,chat_id and any of email, name). Define this before Kindly's script loads.
import { chatToken } from "./chat-token.js";

window.kindlyOptions = {
  ...window.kindlyOptions,
  getAuthToken: async (chatId) => {
    const answer = await chatToken({ chat_id: chatId });
    return answer.token;
  },
};
