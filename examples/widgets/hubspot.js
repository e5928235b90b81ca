// HubSpot chat (Conversations visitor identification): the e-mail the backend asked HubSpot's token for and that
// token, set before the widget loads and on every page load (HubSpot: outside isConversationsAPIReady); the widget is
// kept from loading by itself until they are set. HubSpot's token lives 12 hours: the sidecar caches it for that long.
import { chatToken } from "./chat-token.js";

window.hsConversationsSettings = { loadImmediately: false };
const answer = await chatToken();
window.hsConversationsSettings = {
  loadImmediately: false,
  identificationEmail: answer.identificationEmail,
  identificationToken: answer.identificationToken,
};
window.HubSpotConversations.widget.load();
