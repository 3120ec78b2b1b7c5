/** A workspace's service topology: its format, the default one, and the dependency graph over it (all browser-safe). */
export { defaultTopology } from "./default-topology";
export { canonicalService, dependenciesOf, dependencyMap, dependentsOf, dependsOn, type DependencyMap } from "./graph";
export { boundedText, finiteNumber, findCycle, serviceName, serviceKinds, serviceSpecSchema, topologySchema, type ServiceKind, type ServiceSpec, type Topology } from "./schemas";
