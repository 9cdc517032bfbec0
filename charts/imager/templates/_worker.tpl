{{/*
The workers' tuning flags from the worker.* values, as a JSON list: the chart's worker Deployment runs with them, and
the operator hands them to the workers of every LoadTest it runs (--worker-args), so both run alike.
*/}}
{{- define "imager.workerTuningArgs" -}}
{{- $w := .Values.worker -}}
{{- $args := list (printf "--max-inflight=%v" $w.maxInflight) (printf "--max-connections-per-target=%v" $w.maxConnectionsPerTarget) -}}
{{- with $w.eventLoops }}{{ $args = append $args (printf "--event-loops=%v" .) }}{{ end -}}
{{- $args = append $args (printf "--cpu-pinning=%s" $w.cpuPinning) -}}
{{- $args = append $args (printf "--heartbeat-interval=%s" $w.heartbeatInterval) -}}
{{- $args = append $args (printf "--drain-timeout=%s" $w.drainTimeout) -}}
{{- $args = append $args (printf "--connect-timeout=%s" $w.connectTimeout) -}}
{{- if $w.insecureSkipVerify }}{{ $args = append $args "--insecure-skip-verify=true" }}{{ end -}}
{{- range $w.extraArgs }}{{ $args = append $args (toString .) }}{{ end -}}
{{- toJson $args -}}
{{- end }}
