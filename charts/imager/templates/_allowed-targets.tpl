{{/*
The workers' --allowed-targets, as a JSON list: allowedTargets.override, or what coordinator.target will make
the jobs name (docs/security.md#allowed-targets):
  url      the URL's host:port (80 or 443 by scheme when the URL has none);
  service  the Service's DNS names (the coordinator names <service>.<namespace>.svc), any port: the port
           number behind a port name is only known to the API server;
  pod      the pod network CIDRs, on port 8080 for the demo's pods (any port otherwise, for the same reason).
*/}}
{{- define "imager.allowedTargets" -}}
{{- if .Values.allowedTargets.override }}
{{- toJson .Values.allowedTargets.override }}
{{- else }}
{{- $t := include "imager.target" . | fromJson }}
{{- $list := list }}
{{- if eq $t.mode "url" }}
{{- $url := urlParse $t.url }}
{{- $host := $url.host }}
{{- if not (regexMatch ":[0-9]+$" $host) }}
{{- $host = printf "%s:%s" $host (ternary "443" "80" (eq (lower $url.scheme) "https")) }}
{{- end }}
{{- $list = list $host }}
{{- else if eq $t.mode "service" }}
{{- $list = list (printf "%s.%s.svc" $t.service $t.namespace) (printf "%s.%s.svc.cluster.local" $t.service $t.namespace) (printf "%s.%s" $t.service $t.namespace) $t.service }}
{{- else }}
{{- if not .Values.allowedTargets.podNetworkCidrs }}
{{- fail "allowedTargets.podNetworkCidrs is required in pod mode (the target pods' addresses come from it), or set allowedTargets.override" }}
{{- end }}
{{- $demo := and .Values.demo.enabled (eq $t.deployment (include "imager.demoName" .)) (eq $t.namespace .Release.Namespace) }}
{{- range .Values.allowedTargets.podNetworkCidrs }}
{{- if not $demo }}
{{- $list = append $list . }}
{{- else if contains ":" . }}
{{- $list = append $list (printf "[%s]:8080" .) }}
{{- else }}
{{- $list = append $list (printf "%s:8080" .) }}
{{- end }}
{{- end }}
{{- end }}
{{- toJson $list }}
{{- end }}
{{- end }}
