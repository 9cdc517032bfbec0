{{/*
What the bundled NATS grants each of imager's identities: the "authorization" block of its configuration, in
NATS's own syntax (docs/security.md#permissions has the same matrix as a table). deploy/nats/authorization.conf
is this, rendered for the default values; a test keeps the two equal.

Everything not allowed is refused by the server. Passwords are not here: the server reads them from its
environment ($IMAGER_*_PASSWORD, each from a Secret key), so this text can live in a ConfigMap.
*/}}
{{- define "imager.natsAuthorization" -}}
{{- $p := .Values.subjectPrefix }}
{{- $queue := printf "%s-workers" (replace "." "-" $p) -}}
# imager's NATS identities and what each may do (docs/security.md#permissions). Anything else is refused.
# The passwords come from the server's environment, never from this file.
authorization {
  users = [
    # The coordinator: publishes jobs, run control and the confirmations of results, receives results and
    # heartbeats, and answers
    # {{ $p }}.status and the service discovery requests ($SRV.>). Replies go to _INBOX.> by this list rather
    # than allow_responses, which would let whoever sends a request make the coordinator publish on any
    # subject named as its reply subject ({{ $p }}.heartbeat.*, {{ $p }}.results.*).
    {
      user: {{ .Values.natsAuth.users.coordinator | quote }}
      password: $IMAGER_COORDINATOR_PASSWORD
      permissions: {
        publish: { allow: [{{ printf "%s.jobs" $p | quote }}, {{ printf "%s.users-jobs" $p | quote }}, {{ printf "%s.control" $p | quote }}, {{ printf "%s.confirm.*" $p | quote }}, "_INBOX.>"] }
        subscribe: { allow: [{{ printf "%s.results.*" $p | quote }}, {{ printf "%s.heartbeat.*" $p | quote }}, {{ printf "%s.status" $p | quote }}, "$SRV.>"] }
      }
    }
    # The workers: take jobs only as members of the queue group (each job reaches one worker), hear run
    # control and the confirmations of their results, and publish results and heartbeats; nothing else, so a
    # worker can neither plan load nor stop a run.
    {
      user: {{ .Values.natsAuth.users.worker | quote }}
      password: $IMAGER_WORKER_PASSWORD
      permissions: {
        publish: { allow: [{{ printf "%s.results.*" $p | quote }}, {{ printf "%s.heartbeat.*" $p | quote }}] }
        subscribe: { allow: [{{ printf "%s.jobs %s" $p $queue | quote }}, {{ printf "%s.users-jobs %s" $p $queue | quote }}, {{ printf "%s.control" $p | quote }}, {{ printf "%s.confirm.*" $p | quote }}] }
      }
    }
    # Watchers (nats-box): see everything, ask for the status, publish nothing else. No queue
    # subscriptions: a watcher in the workers' queue group would take jobs away from them.
    {
      user: "imager-watcher"
      password: $IMAGER_WATCHER_PASSWORD
      permissions: {
        publish: { allow: [{{ printf "%s.status" $p | quote }}, "$SRV.>"] }
        subscribe: { allow: [{{ printf "%s.>" $p | quote }}, "_INBOX.>"], deny: ["> >"] }
      }
    }
  ]
}
{{- end }}
