// Workflow history <-> the JSON history files of Temporal's tools, for the replay fixtures.
// @temporalio/common's historyToJSON cannot be used here: npm installs two copies of protobufjs 8
// (one under @temporalio/common, one under @temporalio/proto, because @grpc/proto-loader keeps
// protobufjs 7 at the top), and protojson from the first rejects the types of the second
// ("type must be a Type"). This uses the protobufjs copy that @temporalio/proto's types belong to.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const requireHere = createRequire(path.resolve('package.json'));
const requireFromProto = createRequire(requireHere.resolve('@temporalio/proto'));
const { toJson, fromJson } = requireFromProto('protobufjs/ext/protojson') as {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
};
const proto = requireHere('@temporalio/proto');
const { patchProtobufRoot } = requireHere('@temporalio/proto/lib/patch-protobuf-root') as { patchProtobufRoot(root: unknown): { lookupType(name: string): unknown } };
const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');

export function historyToJSON(history: History): string {
  return JSON.stringify(toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
}

export function historyFromJSON(json: unknown): History {
  const loaded = fromJson(historyType, json, { ignoreUnknownFields: true });
  if (!loaded) throw new TypeError('invalid history JSON');
  return loaded as History;
}
