package io.tributary.deploy;

import java.nio.file.Path;

/**
 * The three services a deployment runs, and how each one is named in its module, in README.md's ACL
 * tables, in the Kubernetes manifests (workload and Strimzi user) and in docker-compose.yml.
 */
enum TributaryService {

    INGEST("ingest-service", "ingest", "tributary-ingest", "ingest"),
    PROCESSOR("stream-processor", "processor", "tributary-processor", "processor"),
    GATEWAY("gateway", "gateway", "tributary-gateway", "gateway");

    private final String module;
    private final String readmeName;
    private final String kafkaUser;
    private final String composeService;

    TributaryService(String module, String readmeName, String kafkaUser, String composeService) {
        this.module = module;
        this.readmeName = readmeName;
        this.kafkaUser = kafkaUser;
        this.composeService = composeService;
    }

    /** The Maven module, which is also the name of its Kubernetes workload. */
    String module() {
        return module;
    }

    String readmeName() {
        return readmeName;
    }

    String kafkaUser() {
        return kafkaUser;
    }

    String composeService() {
        return composeService;
    }

    Path applicationYml() {
        return RepositoryFiles.ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }
}
