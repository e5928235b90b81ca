package dev.chattoken.sidecar.vendors;

import java.util.Optional;

/**
 * A member of the answer besides {@code token}, under the name the widget takes it by: the token again
 * ({@code intercom_user_jwt}), or a request field as sent (Huggy's {@code user_identifier}).
 *
 * @param field empty: the token
 */
public record WidgetField(String name, Optional<IdentityField> field) {

    public static WidgetField token(String name) {
        return new WidgetField(name, Optional.empty());
    }

    public static WidgetField of(String name, IdentityField field) {
        return new WidgetField(name, Optional.of(field));
    }

    /** The value for a request whose token is {@code token}: its field was checked when the token was made. */
    String value(UserIdentity identity, String token) {
        return field.map(f -> String.valueOf(Fields.requiredValue(f, identity))).orElse(token);
    }
}
