/** The part of autocannon's API the intake bench uses (the package ships no types). */
declare module "autocannon" {
  type Histogram = { average: number; p50: number; p99: number; max: number };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: { method?: string; headers?: Record<string, string>; setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
  };
  type Result = { requests: Histogram & { total: number }; latency: Histogram; throughput: Histogram; non2xx: number; errors: number; timeouts: number };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
