package dockerlab.support;

/** The files a student writes; everything else of the lab is given. */
public enum Part {
    API("src/main/java/dockerlab/api/SimpleApi.java"),
    DOCKERFILE("images/simple-api/Dockerfile"),
    COMPOSE("exercises/05-compose-stack/compose.yaml"),
    ANSWERS("exercises/answers.md");

    private final String path;

    Part(String path) {
        this.path = path;
    }

    /** The path inside the project, the hand-out and a submission alike. */
    public String path() {
        return path;
    }
}
