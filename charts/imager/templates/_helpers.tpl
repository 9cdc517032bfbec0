{{/*
Names, labels, and the values every template derives the same way: the resolved target and the checks of
values. How the programs reach NATS is in _nats-client.tpl, what the bundled NATS grants in
_nats-authorization.tpl.
*/}}

{{- define "imager.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* "<release>-imager", or the release name alone when it already contains "imager". */}}
{{- define "imager.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "imager.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. Call with (dict "ctx" $ "component" "coordinator"). */}}
{{- define "imager.labels" -}}
helm.sh/chart: {{ include "imager.chart" .ctx }}
{{ include "imager.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: imager
{{- end }}

{{/* Selector labels: stable for the life of a release (Deployment selectors are immutable). */}}
{{- define "imager.selectorLabels" -}}
app.kubernetes.io/name: {{ include "imager.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{- define "imager.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (printf "%s-coordinator" (include "imager.fullname" .)) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The demo target's name (Deployment and Service). */}}
{{- define "imager.demoName" -}}
{{- printf "%s-sumservice" (include "imager.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The target, resolved: the values given, or the demo's sumservice where none is named and demo.enabled.
Returns JSON: {mode, namespace, deployment, service, url}. Fails on an incomplete target.
*/}}
{{- define "imager.target" -}}
{{- $t := .Values.coordinator.target }}
{{- $mode := $t.mode }}
{{- $namespace := default .Release.Namespace $t.namespace }}
{{- $demo := include "imager.demoName" . }}
{{- $deployment := $t.deployment }}
{{- $service := $t.service }}
{{- $url := $t.url }}
{{- if eq $mode "pod" }}
  {{- if and (not $deployment) .Values.demo.enabled }}{{ $deployment = $demo }}{{ $namespace = .Release.Namespace }}{{ end }}
  {{- if not $deployment }}{{ fail "coordinator.target.deployment is required in pod mode (or demo.enabled=true)" }}{{ end }}
{{- else if eq $mode "service" }}
  {{- if and (not $service) .Values.demo.enabled }}{{ $service = $demo }}{{ $namespace = .Release.Namespace }}{{ end }}
  {{- if not $service }}{{ fail "coordinator.target.service is required in service mode (or demo.enabled=true)" }}{{ end }}
{{- else if eq $mode "url" }}
  {{- if and (not $url) .Values.demo.enabled }}{{ $url = printf "http://%s.%s.svc:8080" $demo .Release.Namespace }}{{ end }}
  {{- if not $url }}{{ fail "coordinator.target.url is required in url mode (or demo.enabled=true)" }}{{ end }}
  {{- if not (regexMatch "^https?://[^/]+" $url) }}{{ fail (printf "coordinator.target.url must be an absolute http:// or https:// URL, got %q" $url) }}{{ end }}
{{- else }}
  {{- fail (printf "coordinator.target.mode must be pod, service or url, got %q" $mode) }}
{{- end }}
{{- dict "mode" $mode "namespace" $namespace "deployment" $deployment "service" $service "url" $url | toJson }}
{{- end }}

{{/* Checks of values that would otherwise only fail at run time, each naming its value. */}}
{{- define "imager.validate" -}}
{{- $c := .Values.coordinator }}
{{- if not (has $c.kind (list "Deployment" "Job")) }}
{{- fail (printf "coordinator.kind must be Deployment or Job, got %q" $c.kind) }}
{{- end }}
{{- if and (eq $c.kind "Job") (not $c.duration) (not $c.load.preset) }}
{{- fail "coordinator.duration is required with coordinator.kind=Job (unless coordinator.load.preset is set): without --duration the run never ends" }}
{{- end }}
{{- if and (eq $c.requestSource.type "file") (not (trim (default "" $c.requestSource.requests))) }}
{{- fail "coordinator.requestSource.requests must hold at least one request when coordinator.requestSource.type=file" }}
{{- end }}
{{- if and (ne $c.load.model "closed") (not (has (toString $c.load.thinkTime) (list "0" "0s" ""))) }}
{{- fail (printf "coordinator.load.thinkTime (%s) needs coordinator.load.model=closed: the open model has no users to pause" $c.load.thinkTime) }}
{{- end }}
{{- include "imager.validateNatsClient" . }}
{{- $_ := include "imager.target" . }}
{{- end }}

{{/* An image reference: "repository@digest" when a digest is given, else "repository:tag". */}}
{{- define "imager.image" -}}
{{- if .digest }}
{{- printf "%s@%s" .repository .digest }}
{{- else }}
{{- printf "%s:%s" .repository .tag }}
{{- end }}
{{- end }}

{{/* prometheus.io annotations for a pod serving /metrics on the given port. (dict "ctx" $ "port" 9100) */}}
{{- define "imager.scrapeAnnotations" -}}
{{- if .ctx.Values.metrics.scrapeAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{/*
A Go duration of the flags ("2s", "1m30s", "500ms", "1.5s", "0"; the units of values.schema.json) in seconds, as a
number; anything else fails the render naming the value. Call with (dict "value" "2s" "name" "coordinator.requestTimeout").
*/}}
{{- define "imager.durationSeconds" -}}
{{- $text := toString .value }}
{{- if not (regexMatch "^(0|[+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)$" $text) }}
{{- fail (printf "%s: %q is not a duration such as 2s, 500ms or 1m30s" .name $text) }}
{{- end }}
{{- $total := 0.0 }}
{{- range regexFindAll "(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)" $text -1 }}
{{- $n := regexFind "^(\\d+(\\.\\d*)?|\\.\\d+)" . | float64 }}
{{- $unit := regexReplaceAll "^[0-9.]+" . "" }}
{{- $scale := get (dict "h" 3600.0 "m" 60.0 "s" 1.0 "ms" 0.001 "us" 0.000001 "µs" 0.000001 "μs" 0.000001 "ns" 0.000000001) $unit }}
{{- $total = addf $total (mulf $n $scale) }}
{{- end }}
{{- $total }}
{{- end }}
