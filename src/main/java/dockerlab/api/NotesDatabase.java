package dockerlab.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's PostgreSQL side: the server version, and a `notes` table written and read through the API. */
final class NotesDatabase {

    private static final String CREATE_TABLE =
            "CREATE TABLE IF NOT EXISTS notes (id SERIAL PRIMARY KEY, text TEXT NOT NULL, "
                    + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())";

    private final ApiSettings settings;

    NotesDatabase(ApiSettings settings) {
        this.settings = settings;
    }

    Map<String, Object> serverInfo() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT version(), current_database(), current_user")) {
            rs.next();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("database", rs.getString(2));
            info.put("user", rs.getString(3));
            info.put("host", settings.dbHost());
            info.put("port", settings.dbPort());
            info.put("version", rs.getString(1));
            return info;
        }
    }

    Map<String, Object> addNote(String text) throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute(CREATE_TABLE);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO notes (text) VALUES (?) RETURNING id, text")) {
                insert.setString(1, text);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    return note(rs);
                }
            }
        }
    }

    List<Map<String, Object>> notes() throws SQLException {
        try (Connection c = connect()) {
            c.createStatement().execute(CREATE_TABLE);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id, text FROM notes ORDER BY id")) {
                List<Map<String, Object>> notes = new ArrayList<>();
                while (rs.next()) {
                    notes.add(note(rs));
                }
                return notes;
            }
        }
    }

    private static Map<String, Object> note(ResultSet rs) throws SQLException {
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("id", rs.getInt("id"));
        note.put("text", rs.getString("text"));
        return note;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
    }
}
