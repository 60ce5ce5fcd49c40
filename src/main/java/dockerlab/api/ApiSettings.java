package dockerlab.api;

import java.util.Map;

/** Where the API listens and which database it uses, read from environment variables with defaults. */
public record ApiSettings(String host, int port, String dbHost, int dbPort, String dbName, String dbUser,
                          String dbPassword) {

    public static ApiSettings fromEnvironment(Map<String, String> env) {
        return new ApiSettings(
                env.getOrDefault("API_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("API_PORT", "8000")),
                env.getOrDefault("DB_HOST", "localhost"),
                Integer.parseInt(env.getOrDefault("DB_PORT", "5432")),
                env.getOrDefault("DB_NAME", "demo"),
                env.getOrDefault("DB_USER", "demo"),
                env.getOrDefault("DB_PASSWORD", "demo"));
    }

    public ApiSettings withPort(int newPort) {
        return new ApiSettings(host, newPort, dbHost, dbPort, dbName, dbUser, dbPassword);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + dbName + "?connectTimeout=3&socketTimeout=10";
    }
}
