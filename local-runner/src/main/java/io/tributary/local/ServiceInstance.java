package io.tributary.local;

/**
 * One running copy of a service: the first of each is named after its module and listens on the
 * configured port; a second one ({@code --instances 2}) is named {@code <module>-2} and listens
 * {@value LocalStackOptions#INSTANCE_PORT_STEP} ports higher.
 *
 * @param service which service
 * @param index 0 for the first instance, 1 for the second
 */
record ServiceInstance(LocalService service, int index) {

    /** Names its log file, its processor state folder and its instance ids. */
    String name() {
        return index == 0 ? service.module() : service.module() + "-" + (index + 1);
    }

    int port(LocalStackOptions options) {
        return service.port(options) + index * LocalStackOptions.INSTANCE_PORT_STEP;
    }
}
