package io.tributary.deploy;

import java.util.regex.Pattern;

/** Environment variables that hold credentials, known by their names. */
final class SecretNames {

    private static final Pattern SECRET = Pattern.compile(".*(SECRET|PASSWORD|API_?KEY|JAAS|TOKEN|CREDENTIAL).*");

    private SecretNames() {
    }

    static boolean isSecret(String variable) {
        return SECRET.matcher(variable).matches();
    }
}
